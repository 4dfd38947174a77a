package org.compactaudit.tool;

import java.util.Collection;
import java.util.Comparator;
import java.util.Objects;

/**
 * A standard's grade derived from its question grades: the LOWEST graded answer, ignoring Not applicable
 * (a standard is only as strong as its weakest question). Not applicable when no question was graded.
 * Moderation and reporting both use this one rule so their figures agree.
 */
public final class StandardGrade {

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
