package query

const (
	TypeCost        = "cost"
	TypeActiveUsers = "active_users"
)
