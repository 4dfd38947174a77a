package org.compactaudit.mail;

/** PENDING until delivered (SENT) or given up after the last retry (FAILED, retryable by the manager). */
public enum OutboxStatus {
    PENDING, SENT, FAILED
}
