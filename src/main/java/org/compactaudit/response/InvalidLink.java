package org.compactaudit.response;

/** A token that opens no return: wrong, replaced or revoked. Carries the partnership contact when it is known. */
public class InvalidLink extends RuntimeException {

    public final String contactName;
    public final String contactEmail;

    public InvalidLink(String contactName, String contactEmail) {
        super("This link is not valid");
        this.contactName = contactName;
        this.contactEmail = contactEmail;
    }
}
