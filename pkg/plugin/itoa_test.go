package plugin

import (
	"strconv"
	"time"
)

func itoa(i int) string { return strconv.Itoa(i) }

func nowMinute() time.Time { return time.Now().Truncate(time.Minute) }
