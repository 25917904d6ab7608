package io.spdypush.web.security;

import jakarta.security.auth.message.AuthStatus;
import jakarta.security.auth.message.MessageInfo;
import jakarta.security.auth.message.callback.CallerPrincipalCallback;
import jakarta.security.auth.message.callback.GroupPrincipalCallback;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

/**
 * The module over a real guard and real accounts, from one address, with the container's side played
 * by a request, a response and a callback handler that only record: what the container does with the
 * caller (constraints, roles, EJBs) is proven against Payara by the SecurityContract ITs.
 */
class BasicLoginTest {

    private final Map<String, Object> attributes = new HashMap<>();
    private final Map<String, String> answerHeaders = new HashMap<>();
    private final List<Integer> errors = new ArrayList<>();
    private final List<Callback> told = new ArrayList<>();
    private final BasicLogin login = new BasicLogin(Logins.guard(Logins.accounts(), 20, Optional.empty()));

    BasicLoginTest() {
        login.initialize(null, null, callbacks -> told.addAll(List.of(callbacks)), Map.of());
    }

    @Test
    void theRightPasswordMakesTheAccountTheCallerWithItsRoleAsGroup() throws Exception {
        assertThat(validate(basic("admin:" + Logins.ADMIN_PASSWORD), true), is(AuthStatus.SUCCESS));
        assertThat(((CallerPrincipalCallback) told.get(0)).getName(), is("admin"));
        assertThat(List.of(((GroupPrincipalCallback) told.get(1)).getGroups()), contains(WebSecurity.ADMIN_ROLE));
        assertThat(errors, is(List.of()));
    }

    @Test
    void aPasswordWithAColonAndNonAsciiLettersIsSplitAtTheFirstColon() {
        BasicCredentials credentials = BasicCredentials.of(basic("über:pa:ss wörd")).orElseThrow();
        assertThat(credentials.name(), is("über"));
        assertThat(new String(credentials.password()), is("pa:ss wörd"));
    }

    @Test
    void noCredentialsWhereARoleIsNeededIsChallengedAndWhereNoneIsNeededIsAnonymous() throws Exception {
        assertThat(validate(null, true), is(AuthStatus.SEND_FAILURE));
        assertThat(errors, contains(401));
        assertThat(answerHeaders.get("WWW-Authenticate"), is("Basic realm=\"spdypush\""));

        assertThat(validate(null, false), is(AuthStatus.SUCCESS));
        assertThat(((CallerPrincipalCallback) told.get(0)).getName(), is(nullValue()));
        assertThat(((CallerPrincipalCallback) told.get(0)).getPrincipal(), is(nullValue()));
        assertThat("another scheme is no credentials", validate("Bearer abc", false), is(AuthStatus.SUCCESS));
    }

    @Test
    void wrongOrGarbledCredentialsAreChallengedEvenWhereNoRoleIsNeeded() throws Exception {
        assertThat(validate(basic("admin:guess"), false), is(AuthStatus.SEND_FAILURE));
        assertThat(validate("Basic %%%not-base64", false), is(AuthStatus.SEND_FAILURE));
        assertThat(validate(basic("no colon"), false), is(AuthStatus.SEND_FAILURE));
        assertThat(validate("Basic " + Base64.getEncoder().encodeToString(new byte[]{'a', ':', (byte) 0xC3}), false),
                is(AuthStatus.SEND_FAILURE));
        assertThat(errors, contains(401, 401, 401, 401));
        assertThat(told, is(List.of()));
    }

    @Test
    void aLockedNameIsChallengedLikeAWrongPasswordButALockedAddressIsMarkedFor429() throws Exception {
        for (int i = 0; i < 10; i++) {
            validate(basic("monitor:guess"), true);
        }
        assertThat(validate(basic("monitor:guess"), true), is(AuthStatus.SEND_FAILURE));
        assertThat("a name's lock answers 401", attributes.get(LoginRefusedPage.RETRY_AFTER), is(nullValue()));

        for (int i = 0; i < 10; i++) {
            validate(basic("made-up-" + i + ":guess"), true);
        }
        assertThat(validate(basic("admin:" + Logins.ADMIN_PASSWORD), true), is(AuthStatus.SEND_FAILURE));
        assertThat("the lock's rest, as Retry-After says it",
                LoginRefusedPage.retryAfterSeconds((Duration) attributes.get(LoginRefusedPage.RETRY_AFTER)), is(300L));
    }

    private AuthStatus validate(String authorization, boolean roleNeeded) throws Exception {
        told.clear();
        Map<String, Object> properties = new HashMap<>();
        properties.put("jakarta.security.auth.message.MessagePolicy.isMandatory", Boolean.toString(roleNeeded));
        return login.validateRequest(new Exchange(request(authorization), response(), properties), new Subject(), null);
    }

    private static String basic(String nameAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(nameAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    /** Only what the module asks of a request: the header, the remote address and the attributes. */
    private HttpServletRequest request(String authorization) {
        return (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{HttpServletRequest.class}, (proxy, method, arguments) -> switch (method.getName()) {
                    case "getHeader" -> "Authorization".equals(arguments[0]) ? authorization : null;
                    case "getRemoteAddr" -> "203.0.113.7";
                    case "setAttribute" -> attributes.put((String) arguments[0], arguments[1]);
                    case "getAttribute" -> attributes.get((String) arguments[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private HttpServletResponse response() {
        return (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{HttpServletResponse.class}, (proxy, method, arguments) -> switch (method.getName()) {
                    case "setHeader" -> answerHeaders.put((String) arguments[0], (String) arguments[1]);
                    case "sendError" -> errors.add((Integer) arguments[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private record Exchange(Object request, Object response, Map<String, Object> properties) implements MessageInfo {

        @Override
        public Object getRequestMessage() {
            return request;
        }

        @Override
        public Object getResponseMessage() {
            return response;
        }

        @Override
        public void setRequestMessage(Object request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setResponseMessage(Object response) {
            throw new UnsupportedOperationException();
        }

        @SuppressWarnings({"rawtypes", "unchecked"})
        @Override
        public Map getMap() {
            return properties;
        }
    }
}
