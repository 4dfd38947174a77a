package org.compactaudit.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real SMTP server (GreenMail) on a free loopback port for the whole test run. The mailer points at it; it is
 * harmless to tests that send no mail because the outbox and chaser jobs are off in tests (they call the services).
 */
public class GreenMailResource implements QuarkusTestResourceLifecycleManager {

    private static GreenMail greenMail;

    @Override
    public Map<String, String> start() {
        int port = freePort();
        greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        greenMail.getSmtp().setClientSocketTimeout(15_000);
        return Map.of("quarkus.mailer.host", "127.0.0.1", "quarkus.mailer.port", String.valueOf(port),
                "quarkus.mailer.mock", "false", "quarkus.mailer.tls", "false", "quarkus.mailer.start-tls", "DISABLED",
                // Pooled connections: on a new connection the Vert.x client now and then misreads GreenMail's greeting
                // (seen as "got error response: eenMail SMTP Service ready") and both sides wait until GreenMail's
                // socket timeout, so new connections are kept few. The client drops idle ones after 10 s, before
                // GreenMail (15 s) does; a connection GreenMail closed anyway is answered 421 and sent again at once.
                "quarkus.mailer.keep-alive", "true", "quarkus.mailer.keep-alive-timeout", "PT10S");
    }

    @Override
    public void stop() {
        if (greenMail != null) {
            greenMail.stop();
        }
    }

    /** Messages received so far addressed to the recipient (tests use unique addresses, so no purge is needed). */
    public static List<MimeMessage> receivedBy(String recipient) {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> addressedTo(m, recipient)).toList();
    }

    private static boolean addressedTo(MimeMessage message, String recipient) {
        try {
            Address[] to = message.getRecipients(Message.RecipientType.TO);
            return to != null && Arrays.stream(to).anyMatch(a -> a.toString().equalsIgnoreCase(recipient));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void stopServer() {
        greenMail.stop();
    }

    public static void startServer() {
        greenMail.start();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
