package io.github.pec4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeaderCodecTest {

    @Test
    void addressLists() {
        assertThat(HeaderCodec.addresses("\"Rossi, Mario\" <mario@pec.it>, anna@pec.it (ufficio; protocollo)"))
                .containsExactly("mario@pec.it", "anna@pec.it");
        assertThat(HeaderCodec.addresses("Uffici: a@pec.it, \"B\" <b@pec.it>;, c@pec.it")).containsExactly("a@pec.it", "b@pec.it", "c@pec.it");
        assertThat(HeaderCodec.addresses("undisclosed-recipients:;")).isEmpty();
        assertThat(HeaderCodec.addresses("\"Per conto di: x@pec.it\" <posta-certificata@pec.it>")).containsExactly("posta-certificata@pec.it");
    }

    @Test
    void displayNames() {
        assertThat(HeaderCodec.displayName("\"Per conto di: x@pec.it\" <posta-certificata@pec.it>")).contains("Per conto di: x@pec.it");
        assertThat(HeaderCodec.displayName("=?UTF-8?Q?Citt=C3=A0?= <a@b.it>")).contains("Città");
        assertThat(HeaderCodec.displayName("a@b.it")).isEmpty();
    }

    @Test
    void structuredParameters() {
        HeaderCodec.Structured ct = HeaderCodec.structured("Multipart/Signed; protocol=\"application/x-pkcs7-signature\"; "
                + "micalg=sha1; (comment) boundary=\"----=_a;b\"");
        assertThat(ct.value()).isEqualTo("multipart/signed");
        assertThat(ct.param("boundary")).contains("----=_a;b");
        assertThat(ct.param("micalg")).contains("sha1");
        HeaderCodec.Structured cd = HeaderCodec.structured("attachment; filename*0*=UTF-8''citt%C3%A0; filename*1=\" e mare.pdf\"");
        assertThat(cd.param("filename")).contains("città e mare.pdf");
    }

    @Test
    void parametersSplitWithoutCopyingAsTheGeneralSplitter() {
        assertThat(HeaderCodec.splitParams("text/plain; name=\"a;\\\"b\"; x=1")).containsExactly("text/plain", " name=\"a;\\\"b\"", " x=1");
        assertThat(HeaderCodec.splitParams("a; b=\"unterminated; c")).containsExactly("a", " b=\"unterminated; c");
        assertThat(HeaderCodec.splitParams("a;;\\")).containsExactly("a", "", "\\");
        // every string of these characters splits as the general splitter does (which also drops comments)
        char[] alphabet = {';', '"', '\\', '(', ')', 'a', ' ', '='};
        java.util.Random random = new java.util.Random(15);
        for (int n = 0; n < 20_000; n++) {
            char[] value = new char[random.nextInt(12)];
            for (int i = 0; i < value.length; i++) {
                value[i] = alphabet[random.nextInt(alphabet.length)];
            }
            String raw = new String(value);
            assertThat(HeaderCodec.splitParams(raw)).as(raw).isEqualTo(HeaderCodec.splitOutside(raw, ";", false));
        }
    }

    @Test
    void encodedWordsAndDates() {
        assertThat(HeaderCodec.decodeWords("=?iso-8859-1?Q?perch=E9?= =?UTF-8?B?w6g=?= fine")).isEqualTo("perchéè fine");
        assertThat(HeaderCodec.decodeWords("=?unknown-charset?Q?x?=")).isEqualTo("=?unknown-charset?Q?x?=");
        assertThat(HeaderCodec.date("Fri, 7 Nov 2014 16:52:00 +0100 (CET)").orElseThrow()).hasToString("2014-11-07T16:52+01:00");
        assertThat(HeaderCodec.date("13 Nov 2018 15:39:27 GMT").orElseThrow()).hasToString("2018-11-13T15:39:27Z");
        assertThat(HeaderCodec.date("Fri, 7 Nov 2014 16:52:00")).isEmpty(); // no zone: never guessed
        assertThat(HeaderCodec.date("garbage")).isEmpty();
    }
}
