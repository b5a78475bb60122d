"""A completed in-service course writes its hours to the learner's ledger (once)."""

from django.dispatch import receiver

from courses.models import CourseCompletion
from courses.signals import course_completed
from training import services


@receiver(course_completed, sender=CourseCompletion, dispatch_uid="training_course_hours")
def write_course_hours(sender, user, course, completion, **kwargs):
    services.course_hours_record(user=user, course=course, completed_at=completion.completed_at)
