package org.compactaudit.round;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.compactaudit.partnership.Partnership;

/**
 * Every statement on return_link, and the look-ups by link or by a respondent's address. Respondents have no staff
 * account, so nothing here is narrowed by the partnership scope: a token or an invited address is the authority.
 */
@ApplicationScoped
public class LinkQueries {

    @Inject
    EntityManager em;

    /** The return a live link's hash opens, with its round and agency. */
    public Optional<Return> returnByLiveHash(String hash) {
        return em.createQuery("select r from Return r join fetch r.round join fetch r.agency where r.id ="
                + " (select l.returnId from ReturnLink l where l.tokenHash = :h and l.revokedAt is null)", Return.class)
                .setParameter("h", hash).getResultStream().findFirst();
    }

    /** The partnership of the return a revoked link's hash once opened. */
    public Optional<Partnership> partnershipOfRevoked(String hash) {
        return em.createQuery("select rd.partnership from Return r join r.round rd where r.id ="
                + " (select l.returnId from ReturnLink l where l.tokenHash = :h and l.revokedAt is not null)", Partnership.class)
                .setParameter("h", hash).getResultStream().findFirst();
    }

    /** Revokes every live link of the return; how many there were. */
    public int revokeAll(long returnId, Instant now) {
        return em.createQuery("update ReturnLink l set l.revokedAt = :now where l.returnId = :r and l.revokedAt is null")
                .setParameter("now", now).setParameter("r", returnId).executeUpdate();
    }

    public long liveCount(long returnId) {
        return ReturnLink.count("returnId = ?1 and revokedAt is null", returnId);
    }

    /**
     * The returns a respondent may ask a new link to: of a sent round still open on the day, neither submitted nor
     * exempt, of an agency whose lead's address is {@code email} or whose earlier return someone declared with it.
     */
    public List<Long> openReturnIdsFor(String email, LocalDate today) {
        return em.createQuery("select r.id from Return r join r.agency a join r.round rd where rd.status = :sent"
                + " and rd.closesOn >= :today and r.status <> :submitted and r.exemptReason is null"
                + " and (lower(trim(a.leadEmail)) = :email or exists (select 1 from Return d where d.agency = a"
                + " and lower(trim(d.submittedByEmail)) = :email)) order by r.id", Long.class)
                .setParameter("sent", RoundStatus.SENT).setParameter("today", today)
                .setParameter("submitted", ReturnStatus.SUBMITTED)
                .setParameter("email", email.trim().toLowerCase(Locale.ROOT)).getResultList();
    }
}
