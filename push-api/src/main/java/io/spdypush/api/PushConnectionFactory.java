package io.spdypush.api;

import jakarta.resource.Referenceable;
import jakarta.resource.ResourceException;

import java.io.Serializable;

/**
 * What an application looks up or injects to reach the push adapter, for example
 * {@code @Resource(lookup = "java:app/spdypush/PushConnectionFactory")}.
 */
public interface PushConnectionFactory extends Serializable, Referenceable {

    /** A connection handle; close it when done, ideally with try-with-resources. */
    PushConnection getConnection() throws ResourceException;
}
