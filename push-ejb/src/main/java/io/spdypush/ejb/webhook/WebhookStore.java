package io.spdypush.ejb.webhook;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.List;

/** The webhooks registered through the REST API or the pages ({@link WebhookRow}). */
@Stateless
public class WebhookStore {

    @PersistenceContext(unitName = "spdypush")
    private EntityManager em;

    public List<Webhook> all() {
        return em.createQuery("SELECT w FROM WebhookRow w ORDER BY w.createdAt", WebhookRow.class).getResultList()
                .stream().map(WebhookRow::webhook).toList();
    }

    public void add(Webhook webhook) {
        em.persist(new WebhookRow(webhook, System.currentTimeMillis()));
    }

    /** Whether there was such a webhook. */
    public boolean remove(String id) {
        WebhookRow row = em.find(WebhookRow.class, id);
        if (row == null) {
            return false;
        }
        em.remove(row);
        return true;
    }
}
