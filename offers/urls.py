from django.urls import path

from offers import views

app_name = "offers"

urlpatterns = [
    path("<slug:slug>/", views.offer_detail, name="detail"),
    path("<slug:slug>/ical/", views.offer_ical, name="ical"),
]
