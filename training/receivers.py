"""A completed in-service course writes its hours to the learner's ledger (once); a course
whose quiz holds them back writes them when the quiz is passed."""

from django.dispatch import receiver

from courses.models import CourseCompletion
from courses.signals import course_completed
from exams.models import Attempt
from exams.signals import quiz_passed
from training import services


@receiver(course_completed, sender=CourseCompletion, dispatch_uid="training_course_hours")
def write_course_hours(sender, user, course, completion, **kwargs):
    services.course_hours_record(user=user, course=course, completed_at=completion.completed_at)


@receiver(quiz_passed, sender=Attempt, dispatch_uid="training_quiz_hours")
def write_quiz_hours(sender, attempt, auxiliary, **kwargs):
    if auxiliary.user_id is None:
        return
    services.course_quiz_hours_record(
        user=auxiliary.user, course=attempt.exam.course, passed_at=attempt.finished_at
    )
