package org.compactaudit.tool;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a grade as its API code, so the database reads the same as the API and exports. */
@Converter(autoApply = true)
public class GradeConverter implements AttributeConverter<Grade, String> {

    @Override
    public String convertToDatabaseColumn(Grade grade) {
        return grade == null ? null : grade.code;
    }

    @Override
    public Grade convertToEntityAttribute(String code) {
        return code == null ? null : Grade.fromCode(code)
                .orElseThrow(() -> new IllegalStateException("Unknown grade in database: " + code));
    }
}
