package io.gridhub.security;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "security", description = "The logged-in user")
class CurrentUserController {

    /** The logged-in user and roles (without the ROLE_ prefix). */
    record CurrentUser(String name, List<String> roles) {}

    @GetMapping("/api/me")
    @Operation(summary = "Who is logged in, with which roles")
    CurrentUser me(Authentication authentication) {
        return new CurrentUser(authentication.getName(), authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).map(a -> a.replaceFirst("^ROLE_", "")).sorted().toList());
    }
}
