package org.compactaudit.round;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.compactaudit.agency.AgencyReturns;

/** The agency's returns for its page (with the statuses the returns dashboard uses) and whether any round refers to it. */
@ApplicationScoped
public class AgencyReturnList implements AgencyReturns {

    @Inject
    Clock clock;

    @Inject
    RoundQueries queries;

    @Override
    public List<Item> of(long agencyId) {
        LocalDate today = LocalDate.now(clock);
        return queries.returnsOfAgency(agencyId).stream()
                .map(r -> new Item(r.round.name, status(r, today), "/returns/" + r.id)).toList();
    }

    @Override
    public boolean anyFor(long agencyId) {
        return queries.hasReturns(agencyId) || queries.hasCohortChanges(agencyId);
    }

    /** The dashboard's order: exempt, submitted, escalated, never invited, closed, in progress, opened, invited. */
    static String status(Return r, LocalDate today) {
        if (r.exemptReason != null) {
            return "Exempt";
        }
        if (r.status == ReturnStatus.SUBMITTED) {
            return r.late ? "Submitted late" : "Submitted on time";
        }
        if (r.escalatedAt != null) {
            return "Escalated";
        }
        if (r.invitedAt == null) {
            return r.round.status == RoundStatus.DRAFT ? "Not sent yet" : "Cannot be contacted";
        }
        if (today.isAfter(r.round.closesOn)) {
            return "Not returned";
        }
        if (r.status == ReturnStatus.IN_PROGRESS) {
            return "In progress";
        }
        return r.firstOpenedAt != null ? "Opened" : "Invited";
    }
}
