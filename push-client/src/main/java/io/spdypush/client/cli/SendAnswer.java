package io.spdypush.client.cli;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * What {@code send} makes of the REST API's answer (README, "REST API"). A send that was answered: each
 * recipient's delivery, {@code {"clientId":..,"id":..,"seq":..,"status":..}}, as one JSON line on stdout, and exit
 * status 0 only when each was accepted. An error: one line on stderr with the server's own answer, exit status 1.
 */
final class SendAnswer {

    /** The one client of the call refused the message: the answer is its delivery all the same. */
    private static final int REFUSED = 409;
    private static final String ACCEPTED = "ACCEPTED";

    private SendAnswer() {
    }

    static int report(HttpResponse<String> answer, String user, Terminal terminal) {
        int status = answer.statusCode();
        if (status / 100 == 2 || status == REFUSED) {
            return deliveries(answer, terminal);
        }
        terminal.err().println("push-client: " + error(answer, user));
        return PushCli.EXIT_FAILURE;
    }

    /**
     * A fan-out answer lists its deliveries, a batch answer has them in its one result; the answer to a send to one
     * client id is one.
     */
    private static int deliveries(HttpResponse<String> answer, Terminal terminal) {
        List<JsonObject> deliveries;
        try (JsonReader reader = Json.createReader(new StringReader(answer.body()))) {
            JsonObject json = reader.readObject();
            if (json.containsKey("results")) {
                json = json.getJsonArray("results").getJsonObject(0);
            }
            deliveries = json.containsKey("deliveries")
                    ? json.getJsonArray("deliveries").stream().map(JsonObject.class::cast).toList()
                    : List.of(json);
        } catch (JsonException | ClassCastException e) {
            terminal.err().println("push-client: the server answered " + answer.statusCode() + " to POST "
                    + answer.uri() + " without the JSON of its deliveries: " + firstLine(answer.body()));
            return PushCli.EXIT_FAILURE;
        }
        boolean allAccepted = true;
        for (JsonObject delivery : deliveries) {
            terminal.out().println(delivery);
            allAccepted &= ACCEPTED.equals(delivery.getString("status", null));
        }
        terminal.out().flush();
        return allAccepted ? PushCli.EXIT_OK : PushCli.EXIT_FAILURE;
    }

    private static String error(HttpResponse<String> answer, String user) {
        return switch (answer.statusCode()) {
            case 401 -> "the server refused the login of " + user + " (401): check --user and the password ("
                    + SendCommand.PASSWORD_VARIABLE + ")";
            case 403 -> user + " may not use the REST API (403): it needs the role push-admin";
            default -> "the server answered " + answer.statusCode() + " to POST " + answer.uri()
                    + (isReadable(answer) ? ": " + firstLine(answer.body()) : "");
        };
    }

    /** The API's errors are JSON, the login throttle's plain text; a container's HTML page is not worth a line. */
    private static boolean isReadable(HttpResponse<String> answer) {
        String type = answer.headers().firstValue("Content-Type").orElse("");
        return type.startsWith("application/json") || type.startsWith("text/plain");
    }

    private static String firstLine(String text) {
        return text.strip().lines().findFirst().orElse("");
    }
}
