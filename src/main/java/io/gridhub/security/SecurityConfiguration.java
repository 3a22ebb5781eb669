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
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;

/**
 * Login for everything but the health probe and the login page. Browsers log in with a form and
 * carry a session (CSRF-protected through the XSRF-TOKEN cookie); other systems and scripts use
 * HTTP Basic, which needs no CSRF token. Unauthenticated API calls get 401, not a redirect.
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
                .requestMatchers("/login.html", "/css/**", "/js/**", "/i18n/**", "/favicon.ico", "/error").permitAll()
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
                new AntPathRequestMatcher("/api/**")));
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

    @Bean
    UserDetailsService userDetailsService(HubSecurityProperties properties, PasswordEncoder encoder) {
        List<UserDetails> users = new ArrayList<>();
        if (properties.demoUsers()) {
            users.add(demo("cm", encoder, HubRole.CUSTOMER_MANAGER));
            users.add(demo("cm2", encoder, HubRole.CUSTOMER_MANAGER));
            users.add(demo("pm", encoder, HubRole.PROJECT_MANAGER));
            users.add(demo("gis", encoder, HubRole.GIS_ANALYST));
            users.add(demo("dispatcher", encoder, HubRole.DISPATCHER));
            users.add(demo("admin", encoder, HubRole.ADMIN));
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
