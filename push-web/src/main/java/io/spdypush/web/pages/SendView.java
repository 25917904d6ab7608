package io.spdypush.web.pages;

import io.spdypush.api.Delivery;
import io.spdypush.api.PushMessage;
import io.spdypush.ejb.PushService;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** Backs the send page: one message to a client, several, a topic or everyone, and what happened per recipient. */
@Named
@RequestScoped
public class SendView {

    /** As the REST API's bound. */
    static final long MAX_TTL_SECONDS = 366L * 24 * 3600;

    public enum Audience { CLIENT, CLIENTS, TOPIC, EVERYONE }

    @EJB
    private PushService push;

    private Audience audience = Audience.CLIENT;
    private String recipients = "";
    private String payload = "";
    private String contentType = "text/plain; charset=utf-8";
    private Long ttlSeconds;
    private String collapseKey = "";
    private PushMessage.Priority priority = PushMessage.Priority.NORMAL;
    /** Null: the audience's default, at least once to client ids, at most once to a topic or everyone. */
    private PushMessage.QualityOfService qos;
    private String messageId;
    private List<Delivery> deliveries;

    public void send() {
        try {
            PushMessage message = addressed().bytes(contentType, payload.getBytes(StandardCharsets.UTF_8))
                    .priority(priority);
            if (qos != null) {
                message = message.qos(qos);
            }
            if (ttlSeconds != null) {
                if (ttlSeconds < 1 || ttlSeconds > MAX_TTL_SECONDS) {
                    Pages.error("The time to live must be 1-" + MAX_TTL_SECONDS + " seconds, or empty for none");
                    return;
                }
                message = message.ttl(Duration.ofSeconds(ttlSeconds));
            }
            if (!collapseKey.isBlank()) {
                message = message.collapseKey(collapseKey.strip());
            }
            messageId = message.id();
            deliveries = push.send(message);
            if (deliveries.isEmpty()) {
                Pages.info("Sent " + messageId + ": no session was there to take it.");
            }
        } catch (IllegalArgumentException e) {
            Pages.error(e.getMessage());
        }
    }

    private PushMessage addressed() {
        return switch (audience) {
            case CLIENT -> PushMessage.to(recipients.strip());
            case CLIENTS -> PushMessage.to(Arrays.stream(recipients.split("[\\s,]+"))
                    .filter(id -> !id.isEmpty()).toList());
            case TOPIC -> PushMessage.toTopic(recipients.strip());
            case EVERYONE -> PushMessage.toEveryone();
        };
    }

    public Audience[] getAudiences() {
        return Audience.values();
    }

    public PushMessage.Priority[] getPriorities() {
        return PushMessage.Priority.values();
    }

    public PushMessage.QualityOfService[] getQualities() {
        return PushMessage.QualityOfService.values();
    }

    public Audience getAudience() {
        return audience;
    }

    public void setAudience(Audience audience) {
        this.audience = audience;
    }

    public String getRecipients() {
        return recipients;
    }

    public void setRecipients(String recipients) {
        this.recipients = recipients == null ? "" : recipients;
    }

    public String getPayload() {
        return payload;
    }

    public void setPayload(String payload) {
        this.payload = payload == null ? "" : payload;
    }

    public String getContentType() {
        return contentType;
    }

    public void setContentType(String contentType) {
        this.contentType = contentType;
    }

    public Long getTtlSeconds() {
        return ttlSeconds;
    }

    public void setTtlSeconds(Long ttlSeconds) {
        this.ttlSeconds = ttlSeconds;
    }

    public String getCollapseKey() {
        return collapseKey;
    }

    public void setCollapseKey(String collapseKey) {
        this.collapseKey = collapseKey == null ? "" : collapseKey;
    }

    public PushMessage.Priority getPriority() {
        return priority;
    }

    public void setPriority(PushMessage.Priority priority) {
        this.priority = priority;
    }

    public PushMessage.QualityOfService getQos() {
        return qos;
    }

    public void setQos(PushMessage.QualityOfService qos) {
        this.qos = qos;
    }

    public String getMessageId() {
        return messageId;
    }

    public List<Delivery> getDeliveries() {
        return deliveries;
    }
}
