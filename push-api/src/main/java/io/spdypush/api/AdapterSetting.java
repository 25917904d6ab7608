package io.spdypush.api;

/**
 * One config property of the running adapter, as it runs with it.
 *
 * @param name   the resource adapter config property, e.g. {@code spdyPort}
 * @param value  the value in effect; for a confidential property (a secret, a password) never the value
 *               itself, but {@link #HIDDEN} when one is set, else empty
 * @param origin where the value comes from: {@code default}, {@code resource adapter config property}
 *               (ra.xml, asadmin, a post-boot command file), {@code system property spdypush.<name>}, or
 *               what the adapter made up for itself
 */
public record AdapterSetting(String name, String value, String origin) {

    /** The value of a confidential property that is set: the adapter never hands out the secret. */
    public static final String HIDDEN = "(set, hidden)";
}
