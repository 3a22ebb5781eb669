package io.gridhub.security;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.info.InfoEndpoint;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;

/**
 * Login for everything but the health probe and the login page. Browsers log in with a form and
 * carry a session (CSRF-protected through the XSRF-TOKEN cookie); other systems and scripts use
 * HTTP Basic, which needs no CSRF token. Unauthenticated API and map-tile calls get 401, not a redirect.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
@EnableConfigurationProperties(HubSecurityProperties.class)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
        CsrfTokenRequestAttributeHandler csrfHandler = new CsrfTokenRequestAttributeHandler();
        csrfHandler.setCsrfRequestAttributeName(null);
        http
            .authorizeHttpRequests(auth -> auth
                .requestMatchers(EndpointRequest.to(HealthEndpoint.class, InfoEndpoint.class)).permitAll()
                // metrics, Camel routes and the rest of the actuator tell how the hub is built: admins only
                .requestMatchers(EndpointRequest.toAnyEndpoint()).hasRole(HubRole.ADMIN.name())
                .requestMatchers("/login.html", "/css/**", "/js/**", "/i18n/**", "/favicon.ico", "/error").permitAll()
                // Workspace pages by role (the APIs behind them check again; the navigation shows the same).
                .requestMatchers("/gis.html").hasAnyRole("GIS_ANALYST", "ADMIN")
                .requestMatchers("/admin.html").hasRole("ADMIN")
                .requestMatchers("/dispatch.html").hasAnyRole("DISPATCHER", "ADMIN")
                .requestMatchers("/cases.html", "/case.html")
                    .hasAnyRole("CUSTOMER_MANAGER", "PROJECT_MANAGER", "DISPATCHER", "ADMIN")
                .requestMatchers("/siting.html").hasAnyRole("CUSTOMER_MANAGER", "PROJECT_MANAGER", "GIS_ANALYST", "ADMIN")
                // cases and plans are not the GIS team's: refused by role before any case is looked up
                // (the services then check unit and project manager per case)
                .requestMatchers("/api/cases/**", "/api/plans/**")
                    .hasAnyRole("CUSTOMER_MANAGER", "PROJECT_MANAGER", "DISPATCHER", "ADMIN")
                .requestMatchers("/api/dispatch/**").hasAnyRole("DISPATCHER", "ADMIN")
                .anyRequest().authenticated())
            .formLogin(form -> form
                .loginPage("/login.html")
                .loginProcessingUrl("/login")
                .defaultSuccessUrl("/", false)
                .failureUrl("/login.html?error")
                .permitAll())
            .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login.html?logout"))
            .httpBasic(Customizer.withDefaults())
            .csrf(csrf -> csrf
                .csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                .csrfTokenRequestHandler(csrfHandler)
                .ignoringRequestMatchers(new RequestHeaderRequestMatcher("Authorization")))
            .exceptionHandling(ex -> ex.defaultAuthenticationEntryPointFor(
                new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED),
                new OrRequestMatcher(new AntPathRequestMatcher("/api/**"), new AntPathRequestMatcher("/tiles/**")))
                // an API call without credentials is refused as unauthenticated (401), even when the
                // CSRF check (which runs before authentication) is what stopped it
                .accessDeniedHandler((request, response, denied) -> {
                    var who = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
                    boolean anonymous = who == null
                            || who instanceof org.springframework.security.authentication.AnonymousAuthenticationToken;
                    response.sendError(anonymous && (request.getRequestURI().startsWith("/api/") || request.getRequestURI().startsWith("/tiles/"))
                            ? HttpStatus.UNAUTHORIZED.value() : HttpStatus.FORBIDDEN.value());
                }));
        return http.build();
    }

    /**
     * No observation per security filter, authentication and authorization: Spring Security would
     * otherwise wrap each of the dozen filters of every request in a Micrometer observation, a
     * seventh of the hub's CPU per siting answer (JFR). Requests are still timed as a whole
     * ({@code http.server.requests}).
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** The demo users (password: name + "123") and their roles, in the order the admin page lists them. */
    static final java.util.Map<String, HubRole> DEMO_ROLES = new java.util.LinkedHashMap<>();

    static {
        DEMO_ROLES.put("cm", HubRole.CUSTOMER_MANAGER);
        DEMO_ROLES.put("cm2", HubRole.CUSTOMER_MANAGER);
        DEMO_ROLES.put("pm", HubRole.PROJECT_MANAGER);
        DEMO_ROLES.put("gis", HubRole.GIS_ANALYST);
        DEMO_ROLES.put("dispatcher", HubRole.DISPATCHER);
        DEMO_ROLES.put("admin", HubRole.ADMIN);
    }

    /** Service units of the demo users: cm2 is a customer manager of another unit (access tests, demos). */
    static final java.util.Map<String, String> DEMO_UNITS = java.util.Map.of(
            "cm", "东胜供电所", "cm2", "康巴什供电所", "pm", "东胜供电所", "dispatcher", "客户服务中心");

    @Bean
    UserUnits userUnits(HubSecurityProperties properties) {
        java.util.Map<String, String> units = new java.util.HashMap<>();
        if (properties.demoUsers()) {
            units.putAll(DEMO_UNITS);
        }
        for (HubSecurityProperties.User u : properties.users()) {
            if (u.unit() != null) {
                units.put(u.name(), u.unit());
            }
        }
        return name -> java.util.Optional.ofNullable(units.get(name));
    }

    /** The users, behind the login throttle. */
    @Bean
    LoginThrottle userDetailsService(HubSecurityProperties properties, PasswordEncoder encoder) {
        return new LoginThrottle(users(properties, encoder), properties.loginThrottle(), java.time.Clock.systemUTC());
    }

    private static UserDetailsService users(HubSecurityProperties properties, PasswordEncoder encoder) {
        List<UserDetails> users = new ArrayList<>();
        if (properties.demoUsers()) {
            DEMO_ROLES.forEach((name, role) -> users.add(demo(name, encoder, role)));
        }
        for (HubSecurityProperties.User u : properties.users()) {
            users.add(User.withUsername(u.name()).password(u.password())
                    .authorities(u.roles().stream().map(HubRole::authority).toArray(String[]::new)).build());
        }
        return new InMemoryUserDetailsManager(users);
    }

    private static UserDetails demo(String name, PasswordEncoder encoder, HubRole role) {
        return User.withUsername(name).password(encoder.encode(name + "123")).authorities(role.authority()).build();
    }
}
