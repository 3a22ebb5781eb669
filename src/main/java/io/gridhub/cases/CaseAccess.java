package io.gridhub.cases;

import io.gridhub.security.HubRole;
import org.springframework.security.access.AccessDeniedException;

/**
 * Who may read and act on a case: admins and systems everything; customer managers the cases of
 * their own service unit; project managers the cases assigned to them; dispatchers read all and
 * archive. Anything else is refused (403).
 */
public final class CaseAccess {

    private CaseAccess() {
    }

    public static boolean mayRead(Actor a, String serviceUnit, String projectManager) {
        return a.system() || a.has(HubRole.ADMIN) || a.has(HubRole.DISPATCHER)
                || (a.has(HubRole.CUSTOMER_MANAGER) && a.unit() != null && a.unit().equals(serviceUnit))
                || (a.has(HubRole.PROJECT_MANAGER) && a.name().equals(projectManager));
    }

    public static boolean mayAct(Actor a, String serviceUnit, String projectManager) {
        return a.system() || a.has(HubRole.ADMIN)
                || (a.has(HubRole.CUSTOMER_MANAGER) && a.unit() != null && a.unit().equals(serviceUnit))
                || (a.has(HubRole.PROJECT_MANAGER) && a.name().equals(projectManager));
    }

    public static void checkRead(Actor a, ConnectionCase c) {
        if (!mayRead(a, c.serviceUnit(), c.projectManager())) {
            throw new AccessDeniedException(a.name() + " may not read case " + c.caseNo() + " of " + c.serviceUnit());
        }
    }

    public static void checkAct(Actor a, ConnectionCase c) {
        if (!mayAct(a, c.serviceUnit(), c.projectManager())) {
            throw new AccessDeniedException(a.name() + " may not change case " + c.caseNo() + " of " + c.serviceUnit());
        }
    }
}
