"""HTTP client for the Tideline tide-prediction service."""

import json
import urllib.request

DEFAULT_HOST = "api.tideline.example"
# Requests per minute the free plan allows.
FREE_RATE_LIMIT = 60


class TidelineClient:
    """Talks to the Tideline API.

    Attributes:
        api_key (str): The key sent in the X-Tideline-Key header.
        timeout (float): Seconds to wait for the server before giving up.
        retries (int): How many times a failed request is sent again.
    """

    def __init__(self, api_key, timeout=8.0, retries=2):
        """Set up the client; nothing is sent until the first request."""
        self.api_key, self.timeout, self.retries = api_key, timeout, retries

    def predictions(self, station_id, days=3, interval="hilo"):
        """Fetch tide predictions for one station.

        Args:
            station_id (str): The seven-digit station number, for example
                "8443970" for Boston.
            days (int): How many days ahead to predict, from 1 to 31.
            interval (str): "hilo" for high and low tides only, or "h" for
                hourly heights.

        Returns:
            list[dict]: One dict per prediction, with the keys "time",
            "height_m" and "type".

        Raises:
            ValueError: If days is outside 1 to 31.
            StationNotFound: If the service does not know the station.
        """
        if not 1 <= days <= 31:
            raise ValueError("days must be between 1 and 31")
        return self._get(f"/v2/stations/{station_id}/predictions", days=days, interval=interval)

    def stations_near(self, lat, lon, radius_km=25):
        """Find stations around a point.

        Args:
            lat (float): Latitude in decimal degrees.
            lon (float): Longitude in decimal degrees.
            radius_km (float, optional): Search radius in kilometres. Defaults to 25.

        Returns:
            The stations found, nearest first.
        """
        return self._get("/v2/stations", lat=lat, lon=lon, radius=radius_km)

    def _get(self, path, **params):
        query = "&".join(f"{k}={v}" for k, v in params.items())
        request = urllib.request.Request(f"https://{DEFAULT_HOST}{path}?{query}",
                                         headers={"X-Tideline-Key": self.api_key})
        with urllib.request.urlopen(request, timeout=self.timeout) as reply:
            return json.load(reply)


class StationNotFound(Exception):
    """Raised when a station id is unknown to the service."""
