package org.compactaudit.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

import org.compactaudit.common.DomainException;
import org.compactaudit.security.PartnershipScope;
import org.compactaudit.web.Page;

/**
 * Reading the outbox for the manager's page and the API, within the {@link PartnershipScope}: another partnership's
 * messages (whose bodies hold its respondents' links) are neither listed nor found.
 */
@ApplicationScoped
public class OutboxQueries {

    @Inject
    PartnershipScope scope;

    @Transactional
    public Page<OutboxMessage> page(OutboxStatus status, int number, int size) {
        return page(status, null, number, size);
    }

    /** Newest first; {@code recipient} (blank for any) matches part of the address, ignoring case. */
    @Transactional
    public Page<OutboxMessage> page(OutboxStatus status, String recipient, int number, int size) {
        List<String> where = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (status != null) {
            where.add("m.status = :status");
            parameters.and("status", status);
        }
        if (recipient != null && !recipient.isBlank()) {
            where.add("lower(m.to) like :recipient escape '!'");
            parameters.and("recipient", "%" + recipient.trim().toLowerCase(Locale.ROOT)
                    .replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        }
        scope.limit().ifPresent(ids -> {
            where.add("m.partnershipId in :scope");
            parameters.and("scope", ids);
        });
        PanacheQuery<OutboxMessage> query = OutboxMessage.find("from OutboxMessage m"
                + (where.isEmpty() ? "" : " where " + String.join(" and ", where)), Sort.descending("id"), parameters);
        return new Page<>(query.page(number - 1, size).list(), number, size, query.count());
    }

    @Transactional
    public OutboxMessage get(long id) {
        return OutboxMessage.<OutboxMessage>findByIdOptional(id)
                .filter(m -> m.partnershipId == null ? scope.limit().isEmpty() : scope.sees(m.partnershipId))
                .orElseThrow(() -> DomainException.notFound("No outbox message " + id));
    }

    /** Parses a status filter ("pending", "sent", "failed"; blank for all). */
    public static OutboxStatus status(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OutboxStatus.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("status", "status must be pending, sent or failed");
        }
    }
}
