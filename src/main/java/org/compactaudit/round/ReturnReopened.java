package org.compactaudit.round;

/** Fired (synchronously, inside the reopening transaction) when the manager reopens a submitted return. */
public record ReturnReopened(long returnId) {
}
