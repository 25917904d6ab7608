package io.spdypush.ejb.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.net.URI;

/** A webhook registered through the REST API or the pages, kept in the database so that every node and restart has it. */
@Entity
@Table(name = "SPDYPUSH_WEBHOOK")
public class WebhookRow {

    @Id
    @Column(name = "ID", length = 64)
    private String id;

    @Column(name = "URL", length = Webhook.MAX_URL_LENGTH, nullable = false)
    private String url;

    @Column(name = "SECRET", length = Webhook.MAX_SECRET_LENGTH, nullable = false)
    private String secret;

    @Column(name = "EVENTS", length = 200, nullable = false)
    private String events;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    protected WebhookRow() {
    }

    WebhookRow(Webhook webhook, long createdAt) {
        this.id = webhook.id();
        this.url = webhook.url().toString();
        this.secret = webhook.secret();
        this.events = WebhookEventType.listOf(webhook.events());
        this.createdAt = createdAt;
    }

    Webhook webhook() {
        return new Webhook(id, URI.create(url), secret, WebhookEventType.parseList(events), false);
    }
}
