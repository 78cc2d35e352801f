import { OrganiserDeskPage } from './Desk.tsx';

/** Its own module so the route table can load it lazily like every page. */
export default OrganiserDeskPage;
