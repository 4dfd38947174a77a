package org.compactaudit.security;

/** A staff user's password, roles, partnerships or active flag changed: sign-ins verified before it no longer count. */
public record StaffUserChanged(String email) {
}
