from lms import hooks
from lms.models import Role
from lms.permissions import scope_for


def platform(request):
    """The role of the logged-in user, for the header and the navigation."""
    user = getattr(request, "user", None)
    scope = scope_for(user)
    return {
        "current_role": scope.role,
        "current_role_label": Role(scope.role).label if scope.role else "",
        "current_scope": scope,
        # The capabilities of lms.permissions, for links and buttons: {% if can.manage_people %}
        "can": scope.capabilities,
        "nav_links": hooks.nav_items(request),
    }
