from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("", views.month_view, name="month"),
    path("week/", views.week_view, name="week"),
    path("list/", views.list_view, name="list"),
    path("events/new/", views.event_create, name="event_create"),
    path("events/<int:pk>/", views.event_detail, name="event_detail"),
    path("events/<int:pk>/edit/", views.event_edit, name="event_edit"),
    path("events/<int:pk>/mark/", views.event_mark, name="event_mark"),
    path("feeds/", views.feed_list, name="feed_list"),
    path("feeds/reset/", views.feed_reset, name="feed_reset"),
    path("feeds/<str:token>.ics", views.feed, name="feed"),
]
