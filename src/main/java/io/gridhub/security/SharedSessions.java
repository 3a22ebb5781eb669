package io.gridhub.security;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.config.annotation.web.http.EnableJdbcHttpSession;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;

/**
 * Workspace sessions in PostgreSQL ({@code hub.web.session-store=database}), so that several hub
 * instances behind one load balancer serve the same logged-in user without sticky sessions: a login
 * on one instance is a session on all of them, and a logout ends it everywhere. Off by default (one
 * instance keeps its sessions in memory, one database round trip less per request). The CSRF token
 * is a cookie already and needs nothing shared; users come from configuration, the same on every
 * instance. The login throttle stays per instance (docs/scaling.md says what that means).
 *
 * <p>Tables {@code web.spring_session} and {@code web.spring_session_attributes} (migration V81);
 * expired sessions are deleted by each instance at {@code hub.web.session-cleanup-cron}; the idle
 * timeout is {@code server.servlet.session.timeout}, as in memory. The cookie
 * keeps the servlet container's name, {@code JSESSIONID}, so clients see no difference.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "hub.web.session-store", havingValue = "database")
@EnableJdbcHttpSession(tableName = "web.spring_session")
class SharedSessions {

    /** The same idle timeout as in memory ({@code server.servlet.session.timeout}), and the clean-up schedule. */
    @Bean
    SessionRepositoryCustomizer<JdbcIndexedSessionRepository> sessionSettings(
            @Value("${server.servlet.session.timeout:30m}") java.time.Duration timeout,
            @Value("${hub.web.session-cleanup-cron:0 * * * * *}") String cleanupCron) {
        return repository -> {
            repository.setDefaultMaxInactiveInterval(timeout);
            repository.setCleanupCron(cleanupCron);
        };
    }

    @Bean
    CookieSerializer sessionCookie() {
        DefaultCookieSerializer cookie = new DefaultCookieSerializer();
        cookie.setCookieName("JSESSIONID");
        cookie.setCookiePath("/");
        cookie.setUseBase64Encoding(false);
        cookie.setSameSite("Lax");
        return cookie;
    }
}
