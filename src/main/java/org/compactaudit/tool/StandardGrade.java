package org.compactaudit.tool;

import java.util.Collection;
import java.util.Comparator;
import java.util.Objects;

/**
 * The rule that derives an agency's grade for a standard from its question grades: the lowest graded answer,
 * ignoring Not applicable; a standard whose every answer is Not applicable is Not applicable. The lowest, not
 * the mode, because one Inadequate arrangement is what MESC needs to see. Moderation and reporting both use
 * this one rule so their figures agree.
 */
public final class StandardGrade {

    public static final String RULE = "An agency's grade for a standard is its lowest graded answer in that standard; "
            + "Not applicable answers are ignored, and a standard answered Not applicable throughout is Not applicable.";

    private StandardGrade() {
    }

    public static Grade of(Collection<Grade> questionGrades) {
        return questionGrades.stream()
                .filter(Objects::nonNull)
                .filter(Grade::isGraded)
                .min(Comparator.comparingInt(g -> g.rank))
                .orElse(Grade.NOT_APPLICABLE);
    }
}
