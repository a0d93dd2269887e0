package io.github.pec4j.directory.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.pec4j.directory.InadDirectory;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * Fuzzes INAD's response reading through the public API: an {@link InadDirectory} whose
 * {@link HttpClient} answers every request with 200 and the fuzz bytes as its JSON body (no socket).
 * Both the extract ({@code domicilesOf}) and the verify call read the body.
 *
 * <p>Contract: an answer (found, not found, or unknown with a reason such as a malformed body); never
 * an exception from Jackson or the reader. Seeds: the bodies INAD documents, written by
 * {@link DirectoryFuzzSeeds}.
 */
class InadResponseFuzzTest {
    static final String CF = "RSSMRA80A01H501U";
    private static final LocalDate AT = LocalDate.of(2024, 3, 10);

    @FuzzTest(maxDuration = "10m")
    void read(byte[] input) {
        if (input == null) {
            return;
        }
        InadDirectory inad = InadDirectory.builder(URI.create("http://127.0.0.1:1/inad/")).tokenSupplier(() -> "voucher")
                .httpClient(new CannedClient(input)).build();
        inad.domicilesOf(CF, AT).toString();
        inad.verify(CF, "mario.rossi@pec.it", AT).toString();
    }

    /** A client that answers every request with 200 and {@code body}, through the caller's body handler. */
    private static final class CannedClient extends HttpClient {
        private final byte[] body;

        CannedClient(byte[] body) {
            this.body = body;
        }

        @Override
        public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
            HttpHeaders headers = HttpHeaders.of(Map.of("Content-Type", List.of("application/json")), (a, b) -> true);
            HttpResponse.ResponseInfo info = new HttpResponse.ResponseInfo() {
                @Override public int statusCode() { return 200; }
                @Override public HttpHeaders headers() { return headers; }
                @Override public Version version() { return Version.HTTP_1_1; }
            };
            HttpResponse.BodySubscriber<T> subscriber = handler.apply(info);
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override public void request(long n) {}
                @Override public void cancel() {}
            });
            subscriber.onNext(List.of(ByteBuffer.wrap(body)));
            subscriber.onComplete();
            T value = subscriber.getBody().toCompletableFuture().join();
            return new HttpResponse<>() {
                @Override public int statusCode() { return 200; }
                @Override public HttpRequest request() { return request; }
                @Override public Optional<HttpResponse<T>> previousResponse() { return Optional.empty(); }
                @Override public HttpHeaders headers() { return headers; }
                @Override public T body() { return value; }
                @Override public Optional<javax.net.ssl.SSLSession> sslSession() { return Optional.empty(); }
                @Override public URI uri() { return request.uri(); }
                @Override public Version version() { return Version.HTTP_1_1; }
            };
        }

        @Override
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
            return CompletableFuture.completedFuture(send(request, handler));
        }

        @Override
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                HttpResponse.PushPromiseHandler<T> push) {
            return sendAsync(request, handler);
        }

        @Override public Optional<CookieHandler> cookieHandler() { return Optional.empty(); }
        @Override public Optional<Duration> connectTimeout() { return Optional.empty(); }
        @Override public Redirect followRedirects() { return Redirect.NEVER; }
        @Override public Optional<ProxySelector> proxy() { return Optional.empty(); }
        @Override public SSLContext sslContext() {
            try {
                return SSLContext.getDefault();
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        @Override public SSLParameters sslParameters() { return new SSLParameters(); }
        @Override public Optional<Authenticator> authenticator() { return Optional.empty(); }
        @Override public Version version() { return Version.HTTP_1_1; }
        @Override public Optional<Executor> executor() { return Optional.empty(); }
    }
}
