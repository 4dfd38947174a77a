package org.compactaudit.agency;

import java.util.List;

/**
 * The agency's returns in audit rounds, for its page. Owned here and implemented by the round feature, which the
 * directory must not import.
 */
public interface AgencyReturns {

    /** One return: the round's name, a status to read ("Submitted late") and the path of its staff view. */
    record Item(String roundName, String status, String href) {
    }

    /** Newest round first. */
    List<Item> of(long agencyId);

    /** Whether any round refers to the agency: a return, or a change to a cohort. */
    boolean anyFor(long agencyId);
}
