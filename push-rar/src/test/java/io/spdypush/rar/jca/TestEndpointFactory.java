package io.spdypush.rar.jca;

import io.spdypush.api.PushListener;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;

import javax.transaction.xa.XAResource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands for the server's message-driven bean container: each endpoint is a proxy that is both
 * the bean's {@link PushListener} and a {@link MessageEndpoint}, and counts its releases.
 */
final class TestEndpointFactory implements MessageEndpointFactory {

    private final String name;
    private final PushListener bean;
    private final AtomicInteger created = new AtomicInteger();
    private final AtomicInteger released = new AtomicInteger();

    TestEndpointFactory(String name, PushListener bean) {
        this.name = name;
        this.bean = bean;
    }

    int created() {
        return created.get();
    }

    int released() {
        return released.get();
    }

    @Override
    public MessageEndpoint createEndpoint(XAResource xaResource) {
        created.incrementAndGet();
        return (MessageEndpoint) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{PushListener.class, MessageEndpoint.class}, this::invoke);
    }

    @Override
    public MessageEndpoint createEndpoint(XAResource xaResource, long timeout) {
        return createEndpoint(xaResource);
    }

    private Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == MessageEndpoint.class) {
            if (method.getName().equals("release")) {
                released.incrementAndGet();
            }
            return null;
        }
        try {
            return method.invoke(bean, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public boolean isDeliveryTransacted(Method method) {
        return false;
    }

    @Override
    public String getActivationName() {
        return name;
    }

    @Override
    public Class<?> getEndpointClass() {
        return bean.getClass();
    }
}
