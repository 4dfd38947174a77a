package org.compactaudit.security;

import java.util.List;

/** Staff roles. Agencies' respondents have no account: they use their return's secure link. */
public final class Role {

    /** The Safeguarding Partnerships Manager. */
    public static final String MANAGER = "manager";
    /** The Monitoring, Evaluation and Scrutiny Committee: reads reports. */
    public static final String MESC = "mesc";
    /** A board or committee member who goes on moderation visits. */
    public static final String MODERATOR = "moderator";
    /** Looks after users and partnerships. */
    public static final String ADMIN = "admin";

    public static final List<String> ALL = List.of(MANAGER, MESC, MODERATOR, ADMIN);

    private Role() {
    }

    public static String label(String role) {
        return switch (role) {
            case MANAGER -> "Partnerships Manager";
            case MESC -> "MESC reviewer";
            case MODERATOR -> "Board or committee member";
            case ADMIN -> "Administrator";
            default -> role;
        };
    }
}
