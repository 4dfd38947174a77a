package org.compactaudit.round;

/** Fired (synchronously, inside the submitting transaction) when a return is submitted. */
public record ReturnSubmitted(long returnId) {
}
