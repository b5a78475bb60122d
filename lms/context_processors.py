from lms.home import nav_links_for
from lms.permissions import scope_for


def platform(request):
    """The role of the logged-in user, for the header and the navigation."""
    user = getattr(request, "user", None)
    scope = scope_for(user)
    from lms.models import Role

    return {
        "current_role": scope.role,
        "current_role_label": Role(scope.role).label if scope.role else "",
        "current_scope": scope,
        "nav_links": nav_links_for(request),
    }
