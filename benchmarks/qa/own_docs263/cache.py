"""A small on-disk cache so repeated lookups do not hit the API."""
import os


class PredictionCache:
    """Stores predictions as JSON files.

    :ivar directory: Folder the JSON files are written to.
    :ivar max_age: Seconds a cached prediction stays valid.
    """

    def __init__(self, directory="~/.cache/tideline", max_age=21600):
        """Open the cache, creating its folder if needed."""
        self.directory = os.path.expanduser(directory)
        self.max_age = max_age

    def get(self, station_id, day):
        """Return the cached predictions for a station and day.

        :param str station_id: the station number.
        :param day: the date wanted.
        :type day: datetime.date
        :returns: the predictions, or None when nothing fresh is cached.
        :rtype: list or None
        """
        return None

    def purge(self, older_than=None):
        """Delete cached files.

        :param older_than: delete only files older than this many seconds;
            every file when left out.
        :raises PermissionError: if the cache folder is read-only.
        :return: how many files were deleted.
        """
        return 0
