"""Unit conversions for tide heights."""

FEET_PER_METRE = 3.28084


def to_feet(height_m, decimals=2):
    """Convert a height from metres to feet.

    Parameters
    ----------
    height_m : float
        Height above chart datum, in metres.
    decimals : int, optional
        Digits kept after the decimal point. Default is 2.

    Returns
    -------
    float
        The height in feet, rounded.

    See Also
    --------
    to_metres : the reverse conversion.
    """
    return round(height_m * FEET_PER_METRE, decimals)


def to_metres(height_ft, decimals=2):
    """Convert a height from feet to metres."""
    return round(height_ft / FEET_PER_METRE, decimals)


def datum_offset(station_id, datum="MLLW"):
    """Offset between two vertical datums at a station.

    Parameters
    ----------
    station_id : str
        The station number.
    datum : {"MLLW", "MSL", "NAVD88"}
        The datum to convert to. Mean lower low water is used when none is given.

    Returns
    -------
    offset_m : float
        Metres to add to a height above mean sea level.

    Raises
    ------
    KeyError
        When the station has no published offset for that datum.

    Notes
    -----
    Offsets are read from the bundled table ``datums.csv``, updated each January.
    """
    raise KeyError(datum)
