package org.compactaudit.agency;

import java.util.List;

/** An agency as the API shows and accepts it; sector and partnerships are codes. {@code id} is ignored on input. */
public record AgencyJson(Long id, String name, String sector, String subType, String cycleGroup, String leadName,
        String leadEmail, String seniorName, String seniorEmail, List<String> partnerships, Boolean active) {

    public static AgencyJson of(Agency a, List<String> partnershipCodes) {
        return new AgencyJson(a.id, a.name, a.sector.code, a.subType, a.cycleGroup.name(), a.leadName, a.leadEmail,
                a.seniorName, a.seniorEmail, partnershipCodes, a.active);
    }

    AgencyForm toForm(Integer version) {
        return new AgencyForm(name, sector, subType, cycleGroup, leadName, leadEmail, seniorName, seniorEmail,
                partnerships, active, version);
    }
}
