package io.spdypush.web.pages;

import io.spdypush.ejb.webhook.Webhook;
import io.spdypush.ejb.webhook.WebhookEventType;
import io.spdypush.ejb.webhook.Webhooks;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/** Backs the webhooks page: the webhooks with their counters, registering one, removing one. */
@Named
@RequestScoped
public class WebhooksView {

    @Inject
    private Webhooks webhooks;

    private String url;
    private String secret;
    private List<String> events = new ArrayList<>(eventNames());
    private Webhook registered;

    public List<Webhooks.Served> getWebhooks() {
        return webhooks.all();
    }

    public void register() {
        URI checkedUrl;
        String checkedSecret;
        Set<WebhookEventType> checkedEvents;
        try {
            checkedUrl = Webhook.url(url);
            checkedSecret = Webhook.secret(secret);
            if (events.isEmpty()) {
                throw new IllegalArgumentException("choose at least one event");
            }
            checkedEvents = WebhookEventType.parseList(String.join(",", events));
        } catch (IllegalArgumentException e) {
            Pages.error(e.getMessage());
            return;
        }
        registered = webhooks.register(checkedUrl, checkedSecret, checkedEvents);
        url = null;
        secret = null;
        Pages.info("Webhook " + registered.id() + " registered; its secret is shown below, this once.");
    }

    public void remove(String id) {
        try {
            webhooks.remove(id);
            Pages.info("Webhook " + id + " removed.");
        } catch (NoSuchElementException | IllegalStateException e) {
            Pages.error(e.getMessage());
        }
    }

    /** Every event's name, for the check boxes. */
    public static List<String> eventNames() {
        return EnumSet.allOf(WebhookEventType.class).stream().map(WebhookEventType::wireName).toList();
    }

    public List<String> getEventNames() {
        return eventNames();
    }

    /** An event set as the page shows it. */
    public String eventsOf(Webhook webhook) {
        return webhook.events().size() == WebhookEventType.values().length ? "all"
                : WebhookEventType.listOf(EnumSet.copyOf(webhook.events())).replace(",", ", ");
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url == null ? null : url.strip();
    }

    public String getSecret() {
        return secret;
    }

    public void setSecret(String secret) {
        this.secret = secret == null || secret.isBlank() ? null : secret.strip();
    }

    public List<String> getEvents() {
        return events;
    }

    public void setEvents(List<String> events) {
        this.events = events;
    }

    public Webhook getRegistered() {
        return registered;
    }
}
