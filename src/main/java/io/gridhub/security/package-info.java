/**
 * Who may do what: the hub's roles (customer manager, project manager, GIS analyst, dispatcher,
 * admin), login for the API and the web workspace, and the demo users of the default profile.
 */
package io.gridhub.security;
