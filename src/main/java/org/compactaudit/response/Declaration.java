package org.compactaudit.response;

import java.util.ArrayList;
import java.util.List;

import org.compactaudit.common.ApiError.FieldError;
import org.compactaudit.common.EmailAddress;

/** Who submits the return, typed on the declaration: name, role and an email for the receipt. */
public record Declaration(String name, String role, String email) {


    public List<FieldError> problems() {
        List<FieldError> problems = new ArrayList<>();
        if (name == null || name.isBlank()) {
            problems.add(new FieldError("name", "Enter your full name"));
        } else if (name.length() > 200) {
            problems.add(new FieldError("name", "Your name must be 200 characters or fewer"));
        }
        if (role == null || role.isBlank()) {
            problems.add(new FieldError("role", "Enter your role in the agency"));
        } else if (role.length() > 200) {
            problems.add(new FieldError("role", "Your role must be 200 characters or fewer"));
        }
        if (email == null || email.isBlank()) {
            problems.add(new FieldError("email", "Enter your email address, for the receipt"));
        } else if (!EmailAddress.isValid(email.trim())) {
            problems.add(new FieldError("email", "Enter an email address in the correct format, like name@example.org"));
        }
        return problems;
    }
}
