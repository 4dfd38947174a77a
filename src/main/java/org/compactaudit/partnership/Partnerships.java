package org.compactaudit.partnership;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.panache.common.Sort;

import org.compactaudit.common.ApiError.FieldError;
import org.compactaudit.common.DomainException;
import org.compactaudit.common.EmailAddress;
import org.compactaudit.web.Page;

/** Creating and changing partnerships: the installation may serve several. */
@ApplicationScoped
@Transactional
public class Partnerships {

    private static final Pattern CODE = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");

    /** A partnership as pages and the API show it; also the form and the API body. */
    public record PartnershipData(Long id, String code, String name, String contactName, String contactEmail,
            String contactPhone) {

        static PartnershipData of(Partnership p) {
            return new PartnershipData(p.id, p.code, p.name, p.contactName, p.contactEmail, p.contactPhone);
        }

        public static PartnershipData empty() {
            return new PartnershipData(null, "", "", "", "", "");
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<PartnershipData> list(int page, int size) {
        var query = Partnership.<Partnership>findAll(Sort.by("name"));
        int number = Math.max(1, page);
        return new Page<>(query.page(number - 1, size).list().stream().map(PartnershipData::of).toList(), number,
                size, query.count());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<PartnershipData> all() {
        return Partnership.<Partnership>listAll(Sort.by("name")).stream().map(PartnershipData::of).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PartnershipData get(long id) {
        return PartnershipData.of(find(id));
    }

    public PartnershipData create(PartnershipData data) {
        Partnership partnership = new Partnership();
        apply(partnership, data);
        partnership.persist();
        return PartnershipData.of(partnership);
    }

    public PartnershipData update(long id, PartnershipData data) {
        Partnership partnership = find(id);
        apply(partnership, data);
        return PartnershipData.of(partnership);
    }

    private static Partnership find(long id) {
        return Partnership.<Partnership>findByIdOptional(id)
                .orElseThrow(() -> DomainException.notFound("No partnership with id " + id));
    }

    private static void apply(Partnership partnership, PartnershipData data) {
        List<FieldError> errors = new ArrayList<>();
        String code = trim(data.code());
        String name = trim(data.name());
        String email = trim(data.contactEmail());
        if (code == null) {
            errors.add(new FieldError("code", "Enter a code"));
        } else if (code.length() > 40 || !CODE.matcher(code).matches()) {
            errors.add(new FieldError("code", "Code must be lower-case letters, digits and hyphens, 40 characters or fewer, like southsea"));
        } else if (Partnership.findByCode(code).filter(other -> !other.id.equals(partnership.id)).isPresent()) {
            errors.add(new FieldError("code", "Another partnership already has this code"));
        }
        if (name == null) {
            errors.add(new FieldError("name", "Enter the partnership's name"));
        } else if (name.length() > 200) {
            errors.add(new FieldError("name", "Name must be 200 characters or fewer"));
        }
        if (trim(data.contactName()) != null && trim(data.contactName()).length() > 200) {
            errors.add(new FieldError("contactName", "Contact name must be 200 characters or fewer"));
        }
        if (email != null && !EmailAddress.isValid(email)) {
            errors.add(new FieldError("contactEmail", "Enter an email address in the correct format, like name@example.org"));
        }
        if (trim(data.contactPhone()) != null && trim(data.contactPhone()).length() > 40) {
            errors.add(new FieldError("contactPhone", "Phone number must be 40 characters or fewer"));
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalid(errors.get(0).message(), errors);
        }
        partnership.code = code;
        partnership.name = name;
        partnership.contactName = trim(data.contactName());
        partnership.contactEmail = email;
        partnership.contactPhone = trim(data.contactPhone());
    }

    private static String trim(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
