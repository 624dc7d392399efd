from django.db import models


class StoredFile(models.Model):
    """A file people attach, kept in the database: it is private, served only through a
    permission-checked view, and needs no shared disk between app servers."""

    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    content = models.BinaryField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["id"]

    def __str__(self):
        return self.name
