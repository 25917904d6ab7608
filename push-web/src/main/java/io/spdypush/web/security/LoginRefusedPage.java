package io.spdypush.web.security;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.time.Duration;

/**
 * The error page of every 401 of this application (web.xml), so that a login that {@link BasicLogin}
 * refused for too many wrong logins from the address, or for too many password checks at once, is turned into
 * {@code 429 Too Many Requests} with {@code Retry-After} here: a client is told to slow down, not
 * that its password is wrong. Any other 401 keeps its status and gets its message as plain text.
 */
@WebServlet(LoginRefusedPage.PATH)
public class LoginRefusedPage extends HttpServlet {

    static final String PATH = "/login-refused";
    /** The request attribute that holds how long the client should wait, a {@link Duration}. */
    static final String RETRY_AFTER = LoginRefusedPage.class.getName() + ".retryAfter";

    static final int TOO_MANY_REQUESTS = 429;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        if (request.getAttribute(RETRY_AFTER) instanceof Duration retryAfter) {
            long seconds = retryAfterSeconds(retryAfter);
            response.setStatus(TOO_MANY_REQUESTS);
            response.setHeader("Retry-After", Long.toString(seconds));
            response.getWriter().println("too many logins: try again in " + seconds + " s");
            return;
        }
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        response.getWriter().println(message == null || message.toString().isBlank() ? "log in" : message);
    }

    /** Whole seconds, rounded up, so that a client that waits that long is not refused again. */
    static long retryAfterSeconds(Duration retryAfter) {
        long seconds = retryAfter.toSeconds();
        return retryAfter.equals(Duration.ofSeconds(seconds)) ? Math.max(1, seconds) : seconds + 1;
    }
}
