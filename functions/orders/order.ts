export type OrderStatus = 'placed' | 'paid' | 'shipped' | 'delivered' | 'cancelled' | 'refunded';

export interface OrderLine {
  productId: string;
  title: string;
  price: number;
  quantity: number;
}

export interface Order {
  id: string;
  storeId: string;
  customerId: string;
  createdAt: string;
  status: OrderStatus;
  items: OrderLine[];
  total: number;
  currency: string;
  carrier?: string;
  trackingNumber?: string;
  estimatedDelivery?: string;
}
