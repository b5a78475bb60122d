from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from lms.models import UserProfile


@require_POST
@login_required
def floor(request):
    """One UPDATE behind the same session, CSRF and auth as an autosave: `bench exam`'s floor."""
    UserProfile.objects.filter(user_id=request.user.pk).update(must_change_password=False)
    return JsonResponse({"ok": True})
