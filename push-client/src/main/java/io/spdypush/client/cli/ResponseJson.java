package io.spdypush.client.cli;

import io.spdypush.client.PushedResource;
import io.spdypush.client.Response;

/**
 * The lines {@code request} prints: the response,
 * {@code {"status":..,"headers":{..},"subresources":[..],"body":".."}} with the sub-resource tags of
 * {@code push-subresources}, then one per pushed sub-resource,
 * {@code {"pushed":"/path","status":..,"content-type":..,"body":".."}}. Bodies follow {@link MessageJson}'s
 * rule: text when textual, otherwise base64 with {@code "encoding":"base64"}.
 */
final class ResponseJson {

    private ResponseJson() {
    }

    static String line(Response response) {
        StringBuilder json = new StringBuilder(256);
        json.append("{\"status\":").append(response.status());
        json.append(",\"headers\":");
        MessageJson.appendObject(json, response.headers());
        json.append(",\"subresources\":[");
        String separator = "";
        for (String tag : response.subresourceTags()) {
            json.append(separator);
            MessageJson.appendString(json, tag);
            separator = ",";
        }
        json.append("],");
        MessageJson.appendBytes(json, "body", response.contentType(), response.body());
        return json.append('}').toString();
    }

    static String line(PushedResource pushed) {
        StringBuilder json = new StringBuilder(128);
        json.append("{\"pushed\":");
        MessageJson.appendString(json, pushed.path());
        json.append(",\"status\":").append(pushed.status());
        json.append(",\"content-type\":");
        MessageJson.appendString(json, pushed.contentType());
        json.append(',');
        MessageJson.appendBytes(json, "body", pushed.contentType(), pushed.body());
        return json.append('}').toString();
    }
}
