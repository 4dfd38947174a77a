package org.compactaudit.partnership;

import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.compactaudit.common.IdentifiedEntity;

/** A local Safeguarding Children Partnership; rounds belong to one, agencies may work with several. */
@Entity
@Table(name = "partnership")
public class Partnership extends IdentifiedEntity {

    @Column(nullable = false, length = 40)
    public String code;

    @Column(nullable = false, length = 200)
    public String name;

    @Column(name = "contact_name", length = 200)
    public String contactName;

    @Column(name = "contact_email", length = 254)
    public String contactEmail;

    @Column(name = "contact_phone", length = 40)
    public String contactPhone;

    public static Optional<Partnership> findByCode(String code) {
        return find("code", code).firstResultOptional();
    }
}
