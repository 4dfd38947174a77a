package org.compactaudit.agency;

import java.util.List;

import org.jboss.resteasy.reactive.RestForm;

/**
 * What a manager (page, API or CSV row) asks an agency to be. Values are raw text as typed; the service
 * validates and trims them. {@code version} is the version the editor started from (null: no check);
 * {@code active} null keeps the agency as it is. The page form binds it directly as a {@code @BeanParam}.
 */
public record AgencyForm(@RestForm String name, @RestForm String sector, @RestForm String subType,
        @RestForm String cycleGroup, @RestForm String leadName, @RestForm String leadEmail, @RestForm String seniorName,
        @RestForm String seniorEmail, @RestForm List<String> partnerships, @RestForm Boolean active,
        @RestForm Integer version) {

    public AgencyForm {
        partnerships = partnerships == null ? List.of() : List.copyOf(partnerships);
    }

    public static AgencyForm blank() {
        return new AgencyForm(null, null, null, null, null, null, null, null, List.of(), true, null);
    }

    /** The form of an agency as its reader sees it: only their own of its partnerships are ticked. */
    public static AgencyForm of(Agency agency, List<String> partnershipCodes) {
        return new AgencyForm(agency.name, agency.sector.code, agency.subType, agency.cycleGroup.name(),
                agency.leadName, agency.leadEmail, agency.seniorName, agency.seniorEmail,
                partnershipCodes, agency.active, agency.version);
    }

    /** For the checkboxes of the form. */
    public boolean hasPartnership(String code) {
        return partnerships.contains(code);
    }

}
