package org.compactaudit.moderation;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.compactaudit.common.DomainException;
import org.compactaudit.round.AuditRound;
import org.compactaudit.round.Return;
import org.compactaudit.round.RoundQueries;
import org.compactaudit.security.PartnershipScope;
import org.compactaudit.security.Role;
import org.compactaudit.security.StaffUser;

/**
 * Moderation's look-ups by id and its lists, each within the {@link PartnershipScope}: a round, visit or return of
 * another partnership is "not found".
 */
@ApplicationScoped
public class ModerationQueries {

    @Inject
    RoundQueries rounds;

    @Inject
    PartnershipScope scope;

    AuditRound round(long roundId) {
        return rounds.findRound(roundId).orElseThrow(() -> DomainException.notFound("Audit round " + roundId + " not found"));
    }

    ModerationVisit visit(long visitId) {
        return ModerationVisit.<ModerationVisit>findByIdOptional(visitId).filter(v -> scope.sees(v.round.partnership.id))
                .orElseThrow(() -> DomainException.notFound("Moderation visit " + visitId + " not found"));
    }

    /** The visit if the actor may see it: the manager any, a moderator only those they attend. */
    ModerationVisit visitFor(long visitId, Actor actor) {
        ModerationVisit visit = visit(visitId);
        if (!actor.manager() && !(actor.moderator() && visit.attendedBy(actor.email()))) {
            throw DomainException.forbidden("Only the visit's attendees and the Partnerships Manager can see this visit");
        }
        return visit;
    }

    /** The visit, refused as not found when it belongs to another round than the page's. */
    ModerationVisit visitInRound(long roundId, long visitId) {
        ModerationVisit visit = visit(visitId);
        if (!visit.round.id.equals(roundId)) {
            throw DomainException.notFound("Moderation visit " + visitId + " is not in round " + roundId);
        }
        return visit;
    }

    /** The rounds a manager can plan visits for, newest first. */
    List<AuditRound> rounds() {
        return rounds.roundsNewestFirst();
    }

    Optional<Return> returnOf(long returnId) {
        return rounds.findReturn(returnId);
    }

    /** The visits the user attends, newest round first. */
    List<ModerationVisit> visitsAttendedBy(String email) {
        Optional<Set<Long>> limit = scope.limit();
        String select = "select distinct v from ModerationVisit v join v.attendees u where u.email = ?1";
        String order = " order by v.round.id desc, v.id";
        return limit.isEmpty() ? ModerationVisit.list(select + order, email)
                : ModerationVisit.list(select + " and v.round.partnership.id in ?2" + order, email, limit.get());
    }

    /** Staff who can attend visits: active managers and board or committee members of the round's partnership. */
    List<StaffUser> possibleAttendees(AuditRound round) {
        return StaffUser.<StaffUser>list("select distinct u from StaffUser u join u.partnerships p where u.active = true"
                + " and p.id = ?1 order by u.displayName, u.email", round.partnership.id).stream()
                .filter(u -> u.roleSet().contains(Role.MANAGER) || u.roleSet().contains(Role.MODERATOR)).toList();
    }
}
