/**
 * Delivery tracking: {@link io.github.pec4j.receipts.DeliveryTracker} matches receipts ({@link
 * io.github.pec4j.receipts.ReceiptFacts}) to outgoing messages ({@link
 * io.github.pec4j.receipts.SentMessage}) and tells where each recipient stands; {@link
 * io.github.pec4j.receipts.TransmissionRecorder} keeps each receipt as evidence in the registry.
 */
package io.github.pec4j.receipts;
